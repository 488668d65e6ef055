"""Recorded HTTP cassettes (vcrpy) for tests and the CI eval.

One configuration serves recording and replay:
- match on method, path and the JSON body (host and port are ignored, so a
  cassette recorded against the embedded server on a random port replays);
- request headers are dropped except Content-Type, so no API key or
  client fingerprint is ever written; response headers keep only what the
  client reads;
- bodies are stored as parsed JSON, so a cassette reads like the exchange;
- replay is record mode ``none`` and each interaction plays at most once;
  `assert_all_played` fails a run that left part of a cassette unplayed.

Cassettes are written only by `make record` from a real server, never by hand.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import vcr
from vcr.cassette import Cassette

KEEP_RESPONSE_HEADERS = {"content-type", "retry-after"}


def _body_json(body: Any) -> Any:
    if body is None:
        return None
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    try:
        return json.loads(body)
    except (TypeError, ValueError):
        return body


def json_body_matcher(r1: Any, r2: Any) -> None:
    if _body_json(r1.body) != _body_json(r2.body):
        raise AssertionError("JSON bodies differ")


def _scrub_request(request: Any) -> Any:
    request.headers = {k: v for k, v in request.headers.items() if k.lower() == "content-type"}
    return request


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    response["headers"] = {
        k: v for k, v in response["headers"].items() if k.lower() in KEEP_RESPONSE_HEADERS
    }
    return response


class JSONSerializer:
    """Cassette file as readable JSON: bodies parsed, not escaped strings."""

    @staticmethod
    def serialize(cassette_dict: dict[str, Any]) -> str:
        for item in cassette_dict["interactions"]:
            req, resp = item["request"], item["response"]
            req["body"] = _body_json(req["body"])
            body = resp["body"].get("string")
            resp["body"] = {"json": _body_json(body)}
        return json.dumps(cassette_dict, indent=1, ensure_ascii=False, sort_keys=True) + "\n"

    @staticmethod
    def deserialize(text: str) -> dict[str, Any]:
        data = json.loads(text)
        for item in data["interactions"]:
            req, resp = item["request"], item["response"]
            if req["body"] is not None and not isinstance(req["body"], str):
                req["body"] = json.dumps(req["body"])
            body = resp["body"].pop("json")
            resp["body"]["string"] = body if isinstance(body, str) else json.dumps(body)
        return data


def make_vcr(record_mode: str = "none") -> vcr.VCR:
    v = vcr.VCR(
        serializer="readable_json",
        record_mode=record_mode,
        match_on=["method", "path", "json_body"],
        before_record_request=_scrub_request,
        before_record_response=_scrub_response,
        decode_compressed_response=True,
    )
    v.register_serializer("readable_json", JSONSerializer)
    v.register_matcher("json_body", json_body_matcher)
    return v


def assert_all_played(cassette: Cassette, path: Path) -> None:
    if not cassette.all_played:
        unplayed = len(cassette.data) - cassette.play_count
        raise AssertionError(f"{path}: {unplayed} recorded interaction(s) were not played")


@contextmanager
def replay(path: str | Path, *, record_mode: str = "none") -> Iterator[Cassette]:
    """Replay (or, with record_mode 'all', record) one cassette file."""
    path = Path(path)
    if record_mode == "none" and not path.is_file():
        raise FileNotFoundError(f"{path}: no such cassette (run `make record`)")
    with make_vcr(record_mode).use_cassette(str(path), allow_playback_repeats=False) as cassette:
        yield cassette
    if record_mode == "none":
        assert_all_played(cassette, path)
    elif not path.is_file():  # nothing was asked (a staged document with no model choice):
        # vcrpy saves no empty cassette, so say so, and a replay that sends a request fails
        path.write_text(JSONSerializer.serialize({"interactions": [], "version": 1}))
