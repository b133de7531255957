import os
import sys

from django.utils.translation import gettext as _


def help() -> str:
    return _("serve the site (development server; --production runs gunicorn)")


def add_arguments(parser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help=_("address to listen on (default 127.0.0.1)"))
    parser.add_argument("--port", type=int, default=8000, help=_("port (default 8000)"))
    parser.add_argument("--production", action="store_true", help=_("run gunicorn with production settings"))
    parser.add_argument("--workers", type=int, default=0, help=_("gunicorn workers (default: 2 × cores + 1)"))


def run(args) -> int:
    serve(args.host, args.port, production=args.production, workers=args.workers)
    return 0


def serve(host: str, port: int, *, production: bool = False, workers: int = 0) -> None:
    from django.core.management import call_command

    if production:
        os.environ["SAMRAD_PRODUCTION"] = "1"
        workers = workers or 2 * (os.cpu_count() or 1) + 1
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "samrad.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            "--timeout",
            "60",
        ]
        os.execv(sys.executable, argv)
    call_command("runserver", f"{host}:{port}", use_reloader=False)
