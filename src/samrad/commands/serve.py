import os
import subprocess
import sys

from django.utils.translation import gettext as _

from samrad.core.cli import fail


def help() -> str:
    return _("serve the site (development server; --production runs gunicorn)")


def add_arguments(parser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help=_("address to listen on (default 127.0.0.1)"))
    parser.add_argument("--port", type=int, default=8000, help=_("port (default 8000)"))
    parser.add_argument("--production", action="store_true", help=_("run gunicorn with production settings"))
    parser.add_argument(
        "--workers", type=int, default=0, help=_("gunicorn workers (default: 2 × cores + 1, at most 9)")
    )
    parser.add_argument(
        "--no-collectstatic",
        action="store_true",
        help=_("do not collect the static files first (when the deployment already did)"),
    )


def run(args) -> int:
    return serve(
        args.host, args.port, production=args.production, workers=args.workers, collect=not args.no_collectstatic
    )


def default_workers() -> int:
    # Sync workers: the usual 2 × cores + 1, capped so that a big machine does not start dozens of processes.
    return min(2 * (os.cpu_count() or 1) + 1, 9)


def gunicorn_argv(host: str, port: int, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "samrad.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers or default_workers()),
        "--access-logfile",
        "-",
        "--timeout",
        "60",
        "--graceful-timeout",
        "30",
        # A worker is replaced now and then, so a slow leak never grows for long.
        "--max-requests",
        "2000",
        "--max-requests-jitter",
        "200",
    ]


def serve(host: str, port: int, *, production: bool = False, workers: int = 0, collect: bool = True) -> int:
    from django.core.management import call_command

    if production:
        env = {**os.environ, "SAMRAD_PRODUCTION": "1"}
        # The system checks with production settings: a published secret key or ALLOWED_HOSTS=* stops here.
        done = subprocess.run([sys.executable, "-m", "samrad", "check"], env=env, stdout=subprocess.DEVNULL)
        if done.returncode != 0:
            return fail(_("The settings are not fit for production (see above); the server was not started."), 2)
        if collect:
            # In a fresh process with production settings: checks the secret key and writes the compressed,
            # fingerprinted files WhiteNoise serves.
            done = subprocess.run([sys.executable, "-m", "samrad", "collectstatic", "--noinput", "-v", "0"], env=env)
            if done.returncode != 0:
                return fail(
                    _("Could not collect the static files (see above); the server was not started."), done.returncode
                )
        os.execve(sys.executable, gunicorn_argv(host, port, workers), env)
    call_command("runserver", f"{host}:{port}", use_reloader=False)
    return 0
