"""The `shiftwise` command: serve the API, migrate the database, load demo data, bootstrap.

Every command reads the same SHIFTWISE_* settings as the server (shiftwise/config.py).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Concatenate, ParamSpec, TypeVar

import typer
from sqlalchemy.exc import DBAPIError

from shiftwise.config import Settings, get_settings

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from shiftwise.demo import DemoSummary
    from shiftwise.worker.runtime import WorkerRuntime

P = ParamSpec("P")
T = TypeVar("T")

app = typer.Typer(
    name="shiftwise",
    help="Shiftwise: staff shift scheduling.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

ALEMBIC_INI = Path(__file__).resolve().parent.parent / "alembic.ini"


def _fail(message: str) -> typer.Exit:
    typer.secho(message, fg=typer.colors.RED, err=True)
    return typer.Exit(code=1)


def _settings() -> Settings:
    try:
        return get_settings()
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        raise _fail(f"Invalid settings: {exc}") from exc


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Run the API server (and the built web app, when present)."""
    import uvicorn

    from shiftwise.notifications.inbox_stream import Server

    settings = _settings()
    config = uvicorn.Config(
        "shiftwise.app:create_app",
        factory=True,
        host=host,
        port=port,
        # Our own middleware writes one structured line per request.
        access_log=False,
        log_level=settings.log_level.lower(),
    )
    # A server that ends open inbox streams when it stops (uvicorn waits for them).
    Server(config).run()


@app.command()
def migrate(
    revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
) -> None:
    """Bring the database schema up to date (alembic upgrade)."""
    from alembic import command
    from alembic.config import Config

    settings = _settings()
    config = Config(str(ALEMBIC_INI))
    config.attributes["database_url"] = settings.database_url
    command.upgrade(config, revision)
    typer.echo(f"Database at {_safe_url(settings.database_url)} is at revision {revision}.")


@app.command()
def demo() -> None:
    """Load the "Harbourview Care" demo organisation once, then print its sign-ins."""
    from shiftwise import demo as demo_data

    summary = _run_db(_load_demo)
    if summary is None:
        typer.echo(f"The demo organisation {demo_data.ORGANISATION_NAME!r} exists; nothing to do.")
    else:
        typer.echo(
            f"Loaded {demo_data.ORGANISATION_NAME!r}: {summary.locations} locations, "
            f"{summary.people} people, {summary.shifts} shifts from {summary.first_monday} "
            f"({summary.assignments} assignments, {summary.open_seats} open seats)."
        )
    typer.echo("Demo sign-ins (one password for all):")
    for sign_in in demo_data.sign_ins():
        typer.echo(f"  {sign_in.role:<12} {sign_in.email:<34} {sign_in.password}  ({sign_in.note})")


@app.command("create-admin")
def create_admin(
    org_name: Annotated[str, typer.Option(help="Name of the new organisation.")],
    email: Annotated[str, typer.Option(help="The administrator's sign-in email.")],
    password: Annotated[
        str,
        typer.Option(
            prompt=True,
            hide_input=True,
            confirmation_prompt=True,
            help="At least 8 characters; prompted for when omitted.",
        ),
    ],
    time_zone: Annotated[
        str, typer.Option(help="The organisation's default IANA time zone.")
    ] = "Europe/London",
) -> None:
    """Create an organisation and its first administrator."""
    from shiftwise.kit.time import is_valid_zone

    if not org_name.strip():
        raise _fail("--org-name must not be empty.")
    if not is_valid_zone(time_zone):
        raise _fail(f"Unknown time zone {time_zone!r}; use an IANA name like Europe/London.")
    org_id = _run_db(_create_admin, org_name.strip(), email, password, time_zone)
    typer.echo(f"Created organisation {org_name.strip()!r} ({org_id}) and its admin {email}.")


@app.command()
def worker(
    threads: Annotated[int | None, typer.Option(help="Worker threads (default: settings).")] = None,
    relay: Annotated[bool, typer.Option(help="Also run the outbox relay.")] = True,
) -> None:
    """Run jobs: Dramatiq worker threads for every actor, and the outbox relay."""
    from shiftwise.worker.runtime import WorkerRuntime

    _run_until_signal(WorkerRuntime(_settings(), threads=threads, relay=relay))


@app.command()
def scheduler() -> None:
    """Fire periodic jobs (safe to run twice: a lock and per-slot dedupe keys)."""
    from shiftwise.worker.runtime import WorkerRuntime

    _run_until_signal(WorkerRuntime(_settings(), consume=False, relay=False, scheduler=True))


def _run_until_signal(runtime: WorkerRuntime) -> None:
    import signal
    import threading

    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    runtime.start()
    typer.echo("Running; stop with Ctrl-C.")
    stop.wait()
    runtime.stop()


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _run_db(
    fn: Callable[Concatenate[AsyncSession, P], Awaitable[T]], *args: P.args, **kwargs: P.kwargs
) -> T:
    """Run `fn` in one write transaction on the configured database; errors become exit 1."""
    from shiftwise.db import Database, create_engine
    from shiftwise.errors import ShiftwiseError

    settings = _settings()

    async def main() -> T:
        database = Database(create_engine(settings))
        try:
            async with database.session(write=True) as session:
                return await fn(session, *args, **kwargs)
        finally:
            await database.dispose()

    try:
        return asyncio.run(main())
    except ShiftwiseError as exc:
        extra = [f.message for f in exc.fields or [] if f.message != exc.detail]
        raise _fail(" ".join([exc.detail, *extra])) from exc
    except DBAPIError as exc:
        raise _fail(
            f"Database error at {_safe_url(settings.database_url)}: {exc.orig!r}. "
            "Has it been migrated? Run `shiftwise migrate`."
        ) from exc


async def _load_demo(session: AsyncSession) -> DemoSummary | None:
    from shiftwise.demo import load_demo

    return await load_demo(session)


async def _create_admin(
    session: AsyncSession, org_name: str, email: str, password: str, time_zone: str
) -> uuid.UUID:
    from shiftwise.audit import service as audit
    from shiftwise.models import Organisation, Role
    from shiftwise.users.accounts import new_user

    org = Organisation(id=uuid.uuid4(), name=org_name, default_time_zone=time_zone, settings={})
    session.add(org)
    await session.flush()
    await audit.record(
        session,
        None,
        "organisation.created",
        org,
        organisation_id=org.id,
        reason="shiftwise create-admin",
    )
    user = await new_user(session, org.id, email, Role.admin, password=password)
    await audit.record(
        session, None, "user.created", user, organisation_id=org.id, reason="shiftwise create-admin"
    )
    return org.id


if __name__ == "__main__":
    app()
