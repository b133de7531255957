import importlib
import time

from django.utils.translation import gettext as _

from samrad.core.cli import console, fail


def help() -> str:
    return _("load the example consultation, run every stage and serve it on 127.0.0.1")


def add_arguments(parser) -> None:
    parser.add_argument("--no-serve", action="store_true", help=_("only build, do not start the server"))
    parser.add_argument("--host", default="127.0.0.1", help=_("address to listen on (default 127.0.0.1)"))
    parser.add_argument("--port", type=int, default=8000, help=_("port (default 8000)"))


def run_stages(consultation, directory, stages, *, progress: bool = False) -> list[str]:
    """Run each demo stage in order; returns their summaries."""
    summaries = []
    for name, target in stages:
        module_name, func_name = target.split(":")
        func = getattr(importlib.import_module(module_name), func_name)
        started = time.perf_counter()
        if progress:
            with console.status(_("Stage: %(name)s …") % {"name": name}):
                summary = func(consultation, directory)
            console.print(f"✓ {name}: {summary} ({time.perf_counter() - started:.1f} s)", markup=False)
        else:
            summary = func(consultation, directory)
        summaries.append(summary)
    return summaries


def run(args) -> int:
    from django.core.management import call_command

    from samrad import demo
    from samrad.consultations.loader import LoadError, load_file

    try:
        directory = demo.example_dir()
    except FileNotFoundError as exc:
        return fail(
            _("Cannot find the example consultation (%(path)s). Run samrad demo from the project folder.")
            % {"path": exc.args[0]}
        )
    with console.status(_("Updating the database schema …")):
        call_command("migrate", verbosity=0, interactive=False)
    console.print("✓ " + _("database ready"))
    try:
        consultation, _report = load_file(directory / "consultation.toml")
    except LoadError as exc:
        return fail(exc.format())
    console.print("✓ " + _("plan loaded: %(name)s") % {"name": consultation.name}, markup=False)
    run_stages(consultation, directory, demo.STAGES, progress=True)
    url = f"http://{args.host}:{args.port}/{consultation.slug}/resultat/"
    if args.no_serve:
        console.print(_("Built. Serve it with: samrad serve, then open %(url)s") % {"url": url}, markup=False)
        return 0
    console.print(_("Serving on %(url)s (stop with Ctrl+C)") % {"url": url}, markup=False)
    from samrad.commands.serve import serve

    serve(args.host, args.port)
    return 0
