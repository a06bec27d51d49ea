"""A real SMTP server for the email plugin's tests (Debian's python3-aiosmtpd).

Usage: smtp_server.py PORT FOLDER [--tls CERT_PEM KEY_PEM] [--auth USER PASSWORD]
Prints READY once listening and stops when stdin closes. With --tls the server offers STARTTLS and refuses mail until
it is used; with --auth it offers AUTH (after STARTTLS only) and refuses mail until a client logs in with USER/PASSWORD.
Each message it accepts is written to FOLDER as <id>.eml (as received) and <id>.json: Python's reading of it (headers;
parts with their decoded text and their bytes in base64) and its session: the client's address and port (one per
connection), whether TLS was on and who had logged in. Each QUIT appends the client's address and port to
FOLDER/quits.log.
Recipients choose the answer by their local part: transient* gets 451, permanent* gets 550, hang* never answers, and
drop* is accepted, after which the server closes the connection as if it had timed out.
"""
import argparse
import asyncio
import base64
import email
import email.policy
import json
import os
import ssl
import sys
import uuid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


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
                parts.append({'contentType': part.get_content_type(), 'fileName': None, 'content': None, 'bytes': None})
                continue
            payload = part.get_payload(decode=True) or b''
            parts.append({
                'contentType': part.get_content_type(),
                'fileName': part.get_filename(),
                'content': payload.decode(part.get_content_charset() or 'utf-8', errors='replace'),
                'bytes': base64.b64encode(payload).decode('ascii'),
            })
        login = session.auth_data.login.decode('utf-8') if isinstance(session.auth_data, LoginPassword) else None
        summary = {
            'mailFrom': envelope.mail_from,
            'rcptTos': envelope.rcpt_tos,
            'headers': {name: str(value) for name, value in message.items()},
            'parts': parts,
            'peer': '%s:%s' % (session.peer[0], session.peer[1]),
            'tls': session.ssl is not None,
            'authenticatedAs': login if session.authenticated else None,
        }
        name = uuid.uuid4().hex
        with open(os.path.join(self.folder, name + '.eml.tmp'), 'wb') as f:
            f.write(raw)
        with open(os.path.join(self.folder, name + '.json.tmp'), 'w', encoding='utf-8') as f:
            json.dump(summary, f)
        os.replace(os.path.join(self.folder, name + '.eml.tmp'), os.path.join(self.folder, name + '.eml'))
        os.replace(os.path.join(self.folder, name + '.json.tmp'), os.path.join(self.folder, name + '.json'))
        if any(r.split('@')[0].lower().startswith('drop') for r in envelope.rcpt_tos):
            asyncio.get_running_loop().call_later(0.2, server.transport.close)
        return '250 Message accepted for delivery'


    async def handle_QUIT(self, server, session, envelope):
        with open(os.path.join(self.folder, 'quits.log'), 'a', encoding='utf-8') as f:
            f.write('%s:%s\n' % (session.peer[0], session.peer[1]))
        return '221 Bye'


class Authenticator:
    def __init__(self, user, password):
        self.user = user.encode('utf-8')
        self.password = password.encode('utf-8')

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == self.user and auth_data.password == self.password
        return AuthResult(success=ok, handled=False, auth_data=auth_data)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('port', type=int)
    parser.add_argument('folder')
    parser.add_argument('--tls', nargs=2, metavar=('CERT', 'KEY'))
    parser.add_argument('--auth', nargs=2, metavar=('USER', 'PASSWORD'))
    args = parser.parse_args()
    options = {}
    if args.tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls[0], args.tls[1])
        options.update(tls_context=context, require_starttls=True)
    if args.auth:
        options.update(authenticator=Authenticator(*args.auth), auth_required=True, auth_require_tls=bool(args.tls))
    controller = Controller(Handler(args.folder), hostname='127.0.0.1', port=args.port, **options)
    controller.start()
    print('READY', flush=True)
    sys.stdin.read()
    controller.stop()


if __name__ == '__main__':
    main()
