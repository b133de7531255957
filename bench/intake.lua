-- wrk script for bench/intake.py: each thread first GETs the survey page for a CSRF cookie and token (as a
-- browser does), then POSTs survey answers, each with its own idempotency key. Counts responses by status.
--   BENCH_PAGE  page that hands out the CSRF token (default /orebro-2022/enkat/)
--   BENCH_POST  where to POST (the survey, or the bare view to compare with)
--   BENCH_SALT  a number making this run's idempotency keys unique
local page = os.getenv("BENCH_PAGE") or "/orebro-2022/enkat/"
local target = os.getenv("BENCH_POST") or page
local salt = tonumber(os.getenv("BENCH_SALT") or "0")  -- a new salt per run: keys never repeat across runs
local threads = {}
local next_id = 1

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  token = nil
  cookie = nil
  statuses = {}
end

local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local answer = urlencode("Fler scener utanför Örebro och bättre villkor för frilansande musiker.\r\nOch lokaler.")

function request()
  if not token then
    return wrk.format("GET", page)
  end
  counter = counter + 1
  local key = string.format("%08x%08x%08x%08x", id, counter, salt, 0)
  local body = "csrfmiddlewaretoken=" .. token .. "&key=" .. key .. "&areas=musik&q_utmaningar=" .. answer
    .. "&q_attraktivitet=" .. answer .. "&q_hallbarhet=" .. answer .. "&role=kulturskapare&municipality=nora&consent=on"
  return wrk.format("POST", target, {
    ["Cookie"] = "csrftoken=" .. cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end

function response(status, headers, body)
  if not token then
    local set_cookie = headers["Set-Cookie"] or ""
    local c = set_cookie:match("csrftoken=([^;]+)")
    local t = body:match('name="csrfmiddlewaretoken" value="([^"]+)"')
    if c and t then
      cookie, token = c, t
    end
    return
  end
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, n in pairs(s) do
      totals[code] = (totals[code] or 0) + n
    end
  end
  for code, n in pairs(totals) do
    io.write(string.format("status %d %d\n", code, n))
  end
end
