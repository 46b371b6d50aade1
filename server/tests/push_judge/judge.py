#!/usr/bin/env python3
"""Independent judge for AeThex LIVE's Web Push code (RFC 8291 + RFC 8292).

Why: our Rust encryption and VAPID signing are checked against code nobody on
the project wrote -- Mozilla's `http_ece` (pinned 1.2.1) for decryption and
pyca `cryptography` (pinned 46.0.3) for the ES256 signature -- so a shared
misreading of the RFCs cannot pass both sides.

Input (JSON on stdin):
  body_b64          request body, base64url (padding optional)
  ua_private_pem    the browser's P-256 private key as PEM, or
  ua_private_b64    the browser's raw 32-byte private scalar, base64url
  auth_b64          the subscription's 16-byte auth secret, base64url
  authorization     "vapid t=<JWT>, k=<public key>" (optional)
  endpoint          the push endpoint URL the header was made for
  now_unix          optional; the time to check `exp` against (default: now)

Output (JSON on stdout):
  {"plaintext": str|null, "plaintext_b64": str|null, "vapid_ok": bool,
   "claims": {...}|null, "error": str|null}
Exit status 0 when decryption succeeded and (if given) VAPID verified, else 1.

Setup:
  python3 -m venv judge/venv
  judge/venv/bin/pip install http_ece==1.2.1 cryptography==46.0.3
"""

import base64
import json
import sys
import time
from urllib.parse import urlsplit

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

MAX_TOKEN_LIFETIME = 24 * 60 * 60  # RFC 8292 section 2


def b64url_decode(text):
    text = text.strip()
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def load_ua_private_key(request):
    if "ua_private_pem" in request:
        return serialization.load_pem_private_key(request["ua_private_pem"].encode(), password=None)
    scalar = b64url_decode(request["ua_private_b64"])
    if len(scalar) != 32:
        raise ValueError("ua_private_b64 must be a 32-byte scalar")
    return ec.derive_private_key(int.from_bytes(scalar, "big"), ec.SECP256R1())


def decrypt(request):
    """Decrypts with http_ece's own RFC 8291 key schedule (keyid = sender key)."""
    plaintext = http_ece.decrypt(
        b64url_decode(request["body_b64"]),
        private_key=load_ua_private_key(request),
        auth_secret=b64url_decode(request["auth_b64"]),
        version="aes128gcm",
    )
    return plaintext


def origin(endpoint):
    """RFC 6454 origin of an http(s) URL, default port dropped."""
    parts = urlsplit(endpoint)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("endpoint is not an http(s) URL with a host")
    host = parts.hostname  # already lowercased, IPv6 without brackets
    if ":" in host:
        host = "[" + host + "]"
    port = parts.port
    default = 443 if scheme == "https" else 80
    return scheme + "://" + host + (":" + str(port) if port and port != default else "")


def parse_vapid_header(value):
    """Splits 'vapid t=..., k=...' (RFC 8292 section 3) into its parameters."""
    scheme, _, params = value.strip().partition(" ")
    if scheme.lower() != "vapid":
        raise ValueError("authorization scheme is not 'vapid'")
    out = {}
    for item in params.split(","):
        name, sep, val = item.strip().partition("=")
        if not sep:
            raise ValueError("malformed vapid parameter: " + item)
        out[name.strip().lower()] = val.strip()
    if "t" not in out or "k" not in out:
        raise ValueError("vapid header needs both t= and k=")
    return out["t"], out["k"]


def verify_vapid(authorization, endpoint, now):
    """Returns the claims if the JWT is a valid ES256 VAPID token, else raises."""
    token, key_b64 = parse_vapid_header(authorization)
    header_b64, claims_b64, sig_b64 = token.split(".")
    header = json.loads(b64url_decode(header_b64))
    if header.get("alg") != "ES256" or header.get("typ", "JWT") != "JWT":
        raise ValueError("JWT header must be alg=ES256, typ=JWT: " + json.dumps(header))
    public_key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b64url_decode(key_b64))
    signature = b64url_decode(sig_b64)
    if len(signature) != 64:
        raise ValueError("ES256 signature must be raw r||s, 64 bytes; got %d" % len(signature))
    der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
    public_key.verify(der, (header_b64 + "." + claims_b64).encode(), ec.ECDSA(hashes.SHA256()))

    claims = json.loads(b64url_decode(claims_b64))
    if claims.get("aud") != origin(endpoint):
        raise ValueError("aud %r is not the endpoint origin %r" % (claims.get("aud"), origin(endpoint)))
    exp = claims.get("exp")
    if not isinstance(exp, int) or not (now < exp <= now + MAX_TOKEN_LIFETIME):
        raise ValueError("exp %r is not within 24 h of now (%d)" % (exp, now))
    sub = claims.get("sub", "")
    if not (sub.startswith("mailto:") or sub.startswith("https:")):
        raise ValueError("sub %r is not a mailto: or https: URI" % sub)
    return claims


def judge(request):
    result = {"plaintext": None, "plaintext_b64": None, "vapid_ok": False, "claims": None, "error": None}
    errors = []
    try:
        plaintext = decrypt(request)
        result["plaintext_b64"] = base64.urlsafe_b64encode(plaintext).decode().rstrip("=")
        result["plaintext"] = plaintext.decode("utf-8", errors="replace")
    except Exception as exc:  # report, never crash: the caller reads our JSON
        errors.append("decrypt: %s: %s" % (type(exc).__name__, exc))
    if request.get("authorization"):
        now = int(request.get("now_unix", time.time()))
        try:
            result["claims"] = verify_vapid(request["authorization"], request["endpoint"], now)
            result["vapid_ok"] = True
        except InvalidSignature:
            errors.append("vapid: signature does not verify against k")
        except Exception as exc:
            errors.append("vapid: %s: %s" % (type(exc).__name__, exc))
    result["error"] = "; ".join(errors) or None
    return result


def main():
    request = json.load(sys.stdin)
    result = judge(request)
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    ok = result["plaintext_b64"] is not None and (result["vapid_ok"] or not request.get("authorization"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
