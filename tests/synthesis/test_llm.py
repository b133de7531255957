"""Headline wording against a real HTTP endpoint (a tiny OpenAI-compatible server in a thread)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from samrad.synthesis import LLMConfig, Params, synthesise

from .corpus import records


class _Server:
    def __init__(self, reply):
        self.reply = reply
        self.requests: list[dict] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append({"body": body, "auth": self.headers.get("Authorization")})
                content = outer.reply(body)
                data = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/v1/chat/completions"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def _statements(body) -> dict[str, str]:
    """The ids and (redacted) texts the prompt showed: "S1: …" lines."""
    out = {}
    for line in body["messages"][1]["content"].splitlines():
        key, _, text = line.partition(": ")
        out[key] = text
    return out


def _first_words(text: str, n: int) -> str:
    return " ".join(text.rstrip(".!?").split()[:n])


def _good_reply(body):
    """A proposal resting on the statements shown: the first statement as headline, two of the others as
    examples (their first words), every phrase citing where it came from."""
    shown = list(_statements(body).items())
    examples = [{"text": _first_words(t, 7).lower(), "sources": [k]} for k, t in shown[1:3]]
    return json.dumps(
        {"headline": {"text": _first_words(shown[0][1], 12) + ".", "sources": [shown[0][0]]}, "examples": examples}
    )


def _server_error_server():
    return _Server(lambda body: "inte json alls")


def test_grounded_proposals_are_accepted_with_sources_and_the_key_is_sent():
    with _Server(_good_reply) as srv:
        res = synthesise(
            records(),
            Params(backend="tfidf", lang="sv", llm=LLMConfig(url=srv.url, model="m1", api_key="sekret")),
        )
    themes = res.sections[0].themes
    assert srv.requests and len(srv.requests) == len(themes)
    assert srv.requests[0]["auth"] == "Bearer sekret"
    assert srv.requests[0]["body"]["model"] == "m1"
    for t in themes:
        proposal = t.wording
        assert proposal["error"] is None and proposal["headline"]["accepted"], proposal
        assert proposal["headline"]["statement_ids"] and set(proposal["headline"]["statement_ids"]) <= set(
            t.statement_ids
        )
        assert all(x["accepted"] for x in proposal["examples"]), proposal["examples"]
    assert "sekret" not in json.dumps(res.to_dict())


def test_invented_ids_and_unsupported_claims_are_dropped_with_a_reason():
    def reply(body):
        shown = list(_statements(body))
        return json.dumps(
            {
                "headline": {"text": "Kommunen vill bygga en ny simhall vid motorvägen.", "sources": [shown[0]]},
                "examples": [
                    {"text": "fler parkeringsplatser vid flygplatsen", "sources": [shown[0]]},
                    {"text": "mer pengar till kulturen", "sources": ["S999"]},
                    {"text": "något helt utan källa"},
                ],
            }
        )

    with _Server(reply) as srv:
        res = synthesise(records(), Params(backend="tfidf", lang="sv", llm=LLMConfig(url=srv.url, model="m1")))
    for t in res.sections[0].themes:
        p = t.wording
        assert p["headline"]["accepted"] is False and p["headline"]["reason"] == "unsupported"
        reasons = [x["reason"] for x in p["examples"]]
        assert reasons == ["unsupported", "invented_source", "no_sources"]
        assert t.headline.statement_id in t.statement_ids  # the offline draft stands
    assert any(w.code == "llm_rejected" for w in res.warnings)


def test_a_proposal_with_personal_data_is_dropped():
    def reply(body):
        key = next(iter(_statements(body)))
        return json.dumps({"headline": {"text": "Kontakta Karin Johansson på 070-123 45 67.", "sources": [key]}})

    with _Server(reply) as srv:
        res = synthesise(records(), Params(backend="tfidf", lang="sv", llm=LLMConfig(url=srv.url, model="m1")))
    assert all(t.wording["headline"]["reason"] == "personal_data" for t in res.sections[0].themes)


def test_malformed_json_keeps_the_offline_draft():
    with _Server(lambda body: "Här är mitt förslag: rubriken borde vara om lokaler") as srv:
        res = synthesise(records(), Params(backend="tfidf", lang="sv", llm=LLMConfig(url=srv.url, model="m1")))
    for t in res.sections[0].themes:
        assert t.wording["error"] == "malformed" and t.headline.text
    assert any(w.code == "llm_malformed" for w in res.warnings)


def test_json_in_a_code_fence_is_read():
    from samrad.synthesis.llm import parse

    assert parse('```json\n{"headline": {"text": "A.", "sources": ["S1"]}}\n```')["headline"]["text"] == "A."


def test_a_time_out_is_a_warning_and_the_drafts_stand():
    import time

    def slow(body):
        time.sleep(3)
        return _good_reply(body)

    with _Server(slow) as srv:
        res = synthesise(
            records(), Params(backend="tfidf", lang="sv", llm=LLMConfig(url=srv.url, model="m", timeout=1))
        )
    assert any(w.code == "llm_failed" for w in res.warnings)
    assert all(t.wording is None for t in res.sections[0].themes)


def test_a_refused_connection_is_a_warning():
    with _Server(_good_reply) as srv:
        url = srv.url
    res = synthesise(records(), Params(backend="tfidf", lang="sv", llm=LLMConfig(url=url, model="m", timeout=2)))
    assert any(w.code == "llm_failed" for w in res.warnings)
    assert all(t.wording is None for t in res.sections[0].themes)


def test_statements_are_redacted_before_they_are_sent():
    from samrad.synthesis import Record

    named = [
        Record(f"n{i}", f"Ring Karin Johansson på 070-123 45 67 om lokalerna {i}.", "Kultur", "Utmaningar")
        for i in range(3)
    ]
    with _Server(_good_reply) as srv:
        synthesise(records() + named, Params(backend="tfidf", lang="sv", llm=LLMConfig(url=srv.url, model="m")))
    sent = json.dumps([r["body"] for r in srv.requests], ensure_ascii=False)
    assert "070-123 45 67" not in sent and "Johansson" not in sent


def test_no_endpoint_no_call(monkeypatch):
    import urllib.request

    def boom(*a, **k):
        raise AssertionError("network used")

    monkeypatch.setattr(urllib.request, "urlopen", boom)
    res = synthesise(records(), Params(backend="tfidf", lang="sv"))
    assert all(t.wording is None for t in res.sections[0].themes)
