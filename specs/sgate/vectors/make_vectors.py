#!/usr/bin/env python3
"""Independent SGate pay-in v1 signature vectors (stdlib only: hmac, hashlib, base64, urllib).

Run from the repository root:  /usr/bin/python3 specs/sgate/vectors/make_vectors.py
It rewrites specs/sgate/vectors/vectors.json, which the @keyway/auth scheme tests and the sandbox
tests both read. Nothing here is computed by the TypeScript code under test.

Rule implemented (docs/providers/sgate.md, "Authentication";
https://docs.sgate.sa/en/payinApi/callMethod/callMethod.html):
  * six pairs: uri, key, timestamp, signMethod=HmacSHA256, signVersion=1, method;
  * every value encoded with encodeURIComponent semantics: UTF-8 bytes, everything but
    A-Z a-z 0-9 - _ . ! ~ * ' ( ) percent-encoded with upper-case hex, space as %20;
    urllib.parse.quote keeps A-Za-z0-9 and "_.-~" itself, so safe="!*'()" gives exactly that set;
  * pairs sorted by name (byte-wise), joined with "&";
  * HMAC-SHA256 with the secret's UTF-8 bytes; standard base64 with padding.
The "uri" is the request path after the base URL's path (by default "/api_v1"), plus the query
string exactly as sent; vectors with "baseUrl"/"url" pin that derivation too.
"""
import base64
import hashlib
import hmac
import json
import os
from urllib.parse import quote, urlsplit

SAFE = "!*'()"  # plus the characters quote() never encodes: A-Za-z0-9 _ . - ~


def encode_component(value: str) -> str:
    return quote(value, safe=SAFE, encoding="utf-8")


def canonical(uri: str, key: str, timestamp: int, method: str) -> str:
    pairs = {
        "uri": uri,
        "key": key,
        "timestamp": str(timestamp),
        "signMethod": "HmacSHA256",
        "signVersion": "1",
        "method": method,
    }
    names = sorted(pairs, key=lambda n: n.encode("ascii"))
    return "&".join(f"{n}={encode_component(pairs[n])}" for n in names)


def sign(text: str, secret: str) -> str:
    digest = hmac.new(secret.encode("utf-8"), text.encode("utf-8"), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def uri_from(base_url: str, url: str) -> str:
    base = urlsplit(base_url).path.rstrip("/")
    parts = urlsplit(url)
    assert parts.path.startswith(base + "/"), (base_url, url)
    return parts.path[len(base):] + (("?" + parts.query) if parts.query else "")


DOC_KEY = "zS83UNCPhVTqBxDHACJ30sImZRKAlzQI"
SECRET_64 = "q7Rk2VwX9mZpL4tN8bY3cF6hJ1sD5gA0eU2iO7yT4rW9nM3xK8vB6zQ1lP5jH0fE"

CASES = [
    # The documented vector (sgate-call-method.txt error example; sgate.md 2.1).
    dict(name="documented merchant.detail", key=DOC_KEY, secret="your secret", timestamp=1672991487,
         method="merchant.detail", uri="/merchants/M448726",
         expect="daFE250/BIWoJGoZxFAsm6fWWyck1HxVpI6E/EXhYKQ="),
    # sgate.md 2.2: the Node sample with a key holding a space (encodeURIComponent gives %20).
    dict(name="key with a space (Node sample divergence)", key="your key", secret="your secret",
         timestamp=1672991487, method="merchant.detail", uri="/merchants/M448726",
         expect="Ih+DOexI552afzhJJA/LHTfaoP8CQ8wCDUEaEH1MAms="),
    dict(name="create order", key=DOC_KEY, secret=SECRET_64, timestamp=1700000000,
         method="merchant.addOrder", uri="/merchants/M448726/orders",
         baseUrl="https://sandbox.sgate.sa/api_v1",
         url="https://sandbox.sgate.sa/api_v1/merchants/M448726/orders"),
    dict(name="order detail behind a proxy base path", key=DOC_KEY, secret=SECRET_64, timestamp=1700000001,
         method="order.detail",
         baseUrl="http://127.0.0.1:4010/proxy/sgate/api_v1",
         url="http://127.0.0.1:4010/proxy/sgate/api_v1/orders/M448726T2022123112531745487632"),
    dict(name="refund detail with ids using - _ . ~", key=DOC_KEY, secret=SECRET_64, timestamp=1700000002,
         method="refund.detail", uri="/refunds/M448726T2022123112531745487632_R1.x~y-z"),
    dict(name="query string is signed as sent", key=DOC_KEY, secret=SECRET_64, timestamp=1700000003,
         method="order.detail",
         baseUrl="https://sandbox.sgate.sa/api_v1",
         url="https://sandbox.sgate.sa/api_v1/orders/M448726T1?expand=transactions&lang=en"),
    dict(name="query with percent-encoded unicode and a space", key=DOC_KEY, secret=SECRET_64,
         timestamp=1700000004, method="order.detail",
         baseUrl="https://sandbox.sgate.sa/api_v1",
         url="https://sandbox.sgate.sa/api_v1/orders/M448726T1?name=%D8%B3%D9%84%D8%A9%20%E2%82%AC&q=a%2Bb"),
    dict(name="raw unicode value (encoded as UTF-8 by the rule)", key=DOC_KEY, secret="sécret ☕",
         timestamp=1700000005, method="order.detail", uri="/orders/M1?note=سلة €"),
    dict(name="characters encodeURIComponent keeps but RFC 3986 encodes", key=DOC_KEY, secret=SECRET_64,
         timestamp=1700000006, method="order.detail", uri="/orders/M1?q=(a*b)!'c'~"),
    dict(name="callback notification", key=DOC_KEY, secret=SECRET_64, timestamp=1700000007,
         method="order.notification",
         uri="/notify/sgate?_orderId=M448726T2022123112531745487632&_type=payment"),
    dict(name="stcpay completion", key=DOC_KEY, secret=SECRET_64, timestamp=2147483647,
         method="transaction.completeByStcpay", uri="/transactions/M448726T1_2/stcpay"),
]


# How each official sample builds the canonical string (https://github.com/SGATE-IT/docs,
# docs/src/en/payinApi/callMethod/callMethod.md; the same code in SGATE-IT/gccpay-client-demo and the
# shop plugins). Used to show which ids every sample signs alike and which they do not.
def sample_canonical(sample: str, uri: str, key: str, timestamp: int, method: str) -> str:
    pairs = {"uri": uri, "key": key, "timestamp": str(timestamp), "signMethod": "HmacSHA256",
             "signVersion": "1", "method": method}
    names = sorted(pairs)
    if sample == "node":  # encodeURIComponent on every value
        return "&".join(f"{n}={quote(pairs[n], safe=SAFE)}" for n in names)
    if sample == "python":  # urllib.parse.urlencode (quote_plus; keeps "~" since Python 3.7)
        return "&".join(f"{n}={quote(pairs[n], safe='~').replace('%20', '+')}" for n in names)
    if sample == "php":  # ksort + http_build_query, RFC 1738 (urlencode: "~" -> %7E, space -> +)
        return "&".join(f"{n}={quote(pairs[n], safe='').replace('%20', '+').replace('~', '%7E')}" for n in names)
    if sample == "java":  # TreeMap; java.net.URLEncoder on uri only ("~" -> %7E, "*" kept)
        enc = lambda v: quote(v, safe="*").replace("%20", "+").replace("~", "%7E")
        return "&".join(f"{n}={enc(pairs[n]) if n == 'uri' else pairs[n]}" for n in names)
    raise ValueError(sample)


SAMPLE_CASES = [
    dict(name="id of [A-Za-z0-9._-]: every sample agrees", uri="/orders/M448726T2022123112531745487632_R1.a-b"),
    dict(name="id holding ~: Node/Python keep it, PHP/Java send %7E", uri="/orders/M448726T1~2"),
]


def samples() -> list:
    out = []
    for case in SAMPLE_CASES:
        sigs = {}
        for sample in ("node", "python", "php", "java"):
            text = sample_canonical(sample, case["uri"], DOC_KEY, 1700000010, "order.detail")
            sigs[sample] = {"canonical": text, "signature": sign(text, SECRET_64)}
        out.append({"name": case["name"], "key": DOC_KEY, "secret": SECRET_64, "timestamp": 1700000010,
                    "method": "order.detail", "uri": case["uri"],
                    "agree": len({v["signature"] for v in sigs.values()}) == 1, "samples": sigs})
    assert out[0]["agree"] and not out[1]["agree"]
    return out


def main() -> None:
    out = []
    for case in CASES:
        uri = case.get("uri")
        if "url" in case:
            derived = uri_from(case["baseUrl"], case["url"])
            assert uri is None or uri == derived, (uri, derived)
            uri = derived
        text = canonical(uri, case["key"], case["timestamp"], case["method"])
        sig = sign(text, case["secret"])
        if "expect" in case:
            assert sig == case["expect"], (case["name"], sig)
        vector = {
            "name": case["name"],
            "key": case["key"],
            "secret": case["secret"],
            "timestamp": case["timestamp"],
            "method": case["method"],
            "uri": uri,
            "canonical": text,
            "signature": sig,
        }
        if "url" in case:
            vector["baseUrl"] = case["baseUrl"]
            vector["url"] = case["url"]
        out.append(vector)
    doc = {
        "description": "SGate pay-in v1 x-auth-signature vectors, generated by make_vectors.py (Python stdlib "
        "hmac/hashlib). Do not edit by hand.",
        "vectors": out,
        "samples": samples(),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "vectors.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print(f"wrote {len(out)} vectors to {path}")


if __name__ == "__main__":
    main()
