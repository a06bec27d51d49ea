"""A real SMTP server for the email plugin's tests (Debian's python3-aiosmtpd).

Usage: smtp_server.py PORT FOLDER. Prints READY once listening and stops when stdin closes. Each message it accepts
is written to FOLDER as <id>.eml (as received) and <id>.json (parsed by Python's email package: headers and parts).
Recipients choose the answer by their local part: transient* gets 451, permanent* gets 550, hang* never answers.
"""
import asyncio
import email
import email.policy
import json
import os
import sys
import uuid

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, folder):
        self.folder = folder

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split('@')[0].lower()
        if local.startswith('transient'):
            return '451 4.3.0 Mailbox busy, try again later'
        if local.startswith('permanent'):
            return '550 5.1.1 No such user here'
        if local.startswith('hang'):
            await asyncio.sleep(3600)
        envelope.rcpt_tos.append(address)
        return '250 OK'

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        parts = []
        for part in message.walk():
            if part.is_multipart():
                parts.append({'contentType': part.get_content_type(), 'fileName': None, 'content': None})
                continue
            payload = part.get_payload(decode=True) or b''
            parts.append({
                'contentType': part.get_content_type(),
                'fileName': part.get_filename(),
                'content': payload.decode(part.get_content_charset() or 'utf-8', errors='replace'),
            })
        summary = {
            'mailFrom': envelope.mail_from,
            'rcptTos': envelope.rcpt_tos,
            'headers': {name: str(value) for name, value in message.items()},
            'parts': parts,
        }
        name = uuid.uuid4().hex
        with open(os.path.join(self.folder, name + '.eml.tmp'), 'wb') as f:
            f.write(raw)
        with open(os.path.join(self.folder, name + '.json.tmp'), 'w', encoding='utf-8') as f:
            json.dump(summary, f)
        os.replace(os.path.join(self.folder, name + '.eml.tmp'), os.path.join(self.folder, name + '.eml'))
        os.replace(os.path.join(self.folder, name + '.json.tmp'), os.path.join(self.folder, name + '.json'))
        return '250 Message accepted for delivery'


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    controller = Controller(Handler(folder), hostname='127.0.0.1', port=port)
    controller.start()
    print('READY', flush=True)
    sys.stdin.read()
    controller.stop()


if __name__ == '__main__':
    main()
