"""A real SMTP server for the e-mail tests (Python's aiosmtpd): `python3 smtp_sink.py PORT DIR` listens on
127.0.0.1:PORT and writes every message it receives to DIR as N.json (envelope, From, Subject, the plain text
decoded, and each attachment saved beside it as N-K-FILENAME), then prints "ready" once it listens."""

import email
import email.policy
import itertools
import json
import pathlib
import sys
import time

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, out):
        self.out = out
        self.count = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        n = next(self.count)
        msg = email.message_from_bytes(envelope.original_content or envelope.content,
                                       policy=email.policy.default)
        body = msg.get_body(preferencelist=("plain",))
        attachments = []
        for k, part in enumerate(msg.iter_attachments(), 1):
            name = part.get_filename() or "attachment.bin"
            path = self.out / f"{n}-{k}-{name}"
            path.write_bytes(part.get_payload(decode=True) or b"")
            attachments.append({"filename": name, "content_type": part.get_content_type(),
                                "path": str(path)})
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_to": envelope.rcpt_tos,
            "from": str(msg["From"]),
            "subject": str(msg["Subject"]),
            "body": body.get_content() if body is not None else "",
            "attachments": attachments,
        }
        tmp = self.out / f"{n}.json.tmp"
        tmp.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        tmp.rename(self.out / f"{n}.json")
        return "250 OK"


def main():
    port, out = int(sys.argv[1]), pathlib.Path(sys.argv[2])
    controller = Controller(Sink(out), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
