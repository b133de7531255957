"""Headline wording against a real HTTP endpoint (a tiny OpenAI-compatible server in a thread)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from samrad.synthesis import LLMConfig, Params, synthesise

from .corpus import records


class _Server:
    def __init__(self, reply):
        self.reply = reply
        self.requests: list[dict] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
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


def _grounded_reply(body):
    # Echo the first statement of the prompt: grounded in the theme by construction.
    lines = [x[2:] for x in body["messages"][1]["content"].splitlines() if x.startswith("- ")]
    return lines[0]


def test_grounded_wording_is_used_and_key_sent():
    with _Server(_grounded_reply) as srv:
        res = synthesise(
            records(),
            Params(backend="tfidf", lang="sv", llm=LLMConfig(url=srv.url, model="m1", api_key="sekret")),
        )
    themes = res.sections[0].themes
    assert srv.requests and len(srv.requests) == len(themes)
    assert srv.requests[0]["auth"] == "Bearer sekret"
    assert srv.requests[0]["body"]["model"] == "m1"
    for t in themes:
        assert t.wording is not None and t.wording["grounded"] is True
        assert t.wording["text"]
    assert "sekret" not in json.dumps(res.to_dict())


def test_ungrounded_wording_is_rejected():
    with _Server(lambda body: "Kommunen vill bygga en ny simhall och fler motorvägar till flygplatsen.") as srv:
        res = synthesise(records(), Params(backend="tfidf", lang="sv", llm=LLMConfig(url=srv.url, model="m1")))
    for t in res.sections[0].themes:
        assert t.wording["grounded"] is False and t.wording["text"] is None
        assert t.headline.statement_id in t.statement_ids  # extractive headline kept
    assert any(w.code == "llm_rejected" for w in res.warnings)


def test_unreachable_endpoint_is_a_warning():
    with _Server(_grounded_reply) as srv:
        url = srv.url
    res = synthesise(records(), Params(backend="tfidf", lang="sv", llm=LLMConfig(url=url, model="m", timeout=2)))
    assert any(w.code == "llm_failed" for w in res.warnings)
    assert all(t.wording is None for t in res.sections[0].themes)


def test_no_endpoint_no_call(monkeypatch):
    import urllib.request

    def boom(*a, **k):
        raise AssertionError("network used")

    monkeypatch.setattr(urllib.request, "urlopen", boom)
    res = synthesise(records(), Params(backend="tfidf", lang="sv"))
    assert all(t.wording is None for t in res.sections[0].themes)


@pytest.mark.parametrize("raw,expected", [('"En mening."', "En mening."), ("Utan punkt", "Utan punkt.")])
def test_clean_sentence(raw, expected):
    from samrad.synthesis.llm import clean_sentence

    assert clean_sentence(raw) == expected
