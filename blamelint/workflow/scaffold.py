"""`blamelint init` and `blamelint new`: a team's config, its template, and new postmortems.

Pure functions build the text; `write_new_file` is the only code that touches the disk, and
it never replaces an existing file unless asked to: a postmortem in progress is hard work to
lose. Writes are atomic (temporary file in the same folder, then link or rename), so an
interrupted run leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from blamelint.base.bounded import ReadRefused, read_file
from blamelint.base.errors import InputError
from blamelint.base.gitutil import GitError, repository_root, run_git
from blamelint.base.languages import codes, default_language, languages
from blamelint.document.metadata import parse_date as parse_iso_date
from blamelint.document.parse import decode
from blamelint.run.config import DEFAULT_MAX_FILE_SIZE

CONFIG_NAME = ".blamelint.yaml"
TEMPLATE_NAME = "postmortem-template.md"
COMMIT_MESSAGE = "chore: postmortem {id} (blameless)"

# A letter or digit first (so no hidden files and no "-x" that a shell tool reads as an
# option), then letters, digits, dot, dash, underscore: never a path separator, so the id
# cannot leave the output folder, and the name is portable to every file system in use.
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")
_WINDOWS_RESERVED = re.compile(r"(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\..*)?", re.IGNORECASE)

# Template placeholders and the value each one receives; the French and English names are
# twins so that a team's own template may use either.
_FIELDS: Mapping[str, str] = {
    "INCIDENT_ID": "incident_id",
    "DATE": "date",
    "DUREE": "duration",
    "DURATION": "duration",
    "IMPACT_UTILISATEURS": "impact",
    "USER_IMPACT": "impact",
}
_PLACEHOLDER = re.compile(r"\{(" + "|".join(_FIELDS) + r")\}")


@dataclass(frozen=True)
class Incident:
    incident_id: str
    impact: str
    date: dt.date
    duration: str | None = None


def check_incident_id(incident_id: str) -> str:
    """Return the id if it is a safe file name component, else raise InputError (exit 2)."""
    if not _SAFE_ID.fullmatch(incident_id or "") or _WINDOWS_RESERVED.fullmatch(incident_id):
        raise InputError(
            f"invalid incident id {incident_id!r}: use letters, digits, '.', '-' or '_' "
            "(at most 80 characters, starting with a letter or digit), e.g. INC-2026-0301"
        )
    return incident_id


def output_name(incident_id: str) -> str:
    return f"postmortem-{check_incident_id(incident_id)}.md"


def shipped_template(language: str) -> str:
    return _package_text(languages()[_language(language)].template)


def shipped_config() -> str:
    return _package_text("blamelint-config.yaml")


def _package_text(name: str) -> str:
    # importlib.resources finds the file both in a checkout and inside an installed wheel.
    return files("blamelint.workflow").joinpath("templates", name).read_text(encoding="utf-8")


def _language(language: str) -> str:
    if language not in languages():
        expected = " or ".join(codes())
        raise InputError(f"unknown language {language!r} (expected {expected})")
    return language


def _one_line(text: str) -> str:
    # A value sits on one metadata line: a newline would end the field and start prose.
    return " ".join(text.split())


def fill_template(template: str, incident: Incident, language: str = "en") -> str:
    """Replace every known placeholder in one pass.

    One pass (not a chain of str.replace) so that a value that itself contains `{DATE}` is
    left as the user typed it instead of being substituted again.
    """
    impact = _one_line(incident.impact)
    if not impact:
        raise InputError("--impact must not be empty: say who or what was affected")
    # An unknown duration becomes the language's `unknown` token, which the placeholder rule
    # reports, so the author is reminded to fill it in rather than the document claiming a value.
    duration = _one_line(incident.duration or "") or languages()[_language(language)].unknown
    values = {
        "incident_id": check_incident_id(incident.incident_id),
        "date": incident.date.isoformat(),
        "duration": duration,
        "impact": impact,
    }
    return _PLACEHOLDER.sub(lambda m: values[_FIELDS[m.group(1)]], template)


def parse_date(text: str) -> dt.date:
    # The project's one ISO date reader: date.fromisoformat alone would also take 20260301
    # and week dates (2026-W09-7) on Python 3.11, which no postmortem rule reads back.
    date = parse_iso_date(text, strict=True)
    if date is None:
        raise InputError(f"invalid date {text!r}: expected YYYY-MM-DD")
    return date


def resolve_template(template: Path | None, language: str | None, cwd: Path) -> tuple[str, str]:
    """The template text and the language used to fill it.

    An explicit --template wins; otherwise a team's `postmortem-template.md` (written by
    `blamelint init`) in the current folder, unless --lang asked for a shipped language.
    """
    if template is not None:
        return _read_template(template), language or default_language()
    local = cwd / TEMPLATE_NAME
    if language is None and local.is_file():
        text = _read_template(local)
        return text, "fr" if "{DUREE}" in text or "{IMPACT_UTILISATEURS}" in text else "en"
    language = language or default_language()
    return shipped_template(language), language


def _read_template(path: Path) -> str:
    try:
        data = read_file(path, DEFAULT_MAX_FILE_SIZE)
    except ReadRefused as exc:
        raise InputError(f"cannot read template: {exc.reason}", str(path)) from None
    # The linter's own check: a binary file or invalid UTF-8 is refused with the line of
    # the first bad byte, rather than copied into a postmortem.
    return decode(str(path), data)


def write_new_file(path: Path, text: str, *, force: bool = False) -> None:
    """Write `text` to `path` atomically; refuse an existing path unless `force`."""
    if path.is_dir():
        raise InputError("is a directory", str(path))
    if path.exists() and not force:
        raise InputError("already exists; use --force to overwrite it", str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        temporary = Path(name)
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            # mkstemp creates 0600; a postmortem is a normal shared file.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
            if force:
                os.replace(temporary, path)
            else:
                _link_no_clobber(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)
    except FileExistsError:
        raise InputError("already exists; use --force to overwrite it", str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", str(path)) from None


def _link_no_clobber(temporary: Path, path: Path) -> None:
    # link() fails if the target appeared since the exists() check above, which a rename
    # would silently overwrite; fall back to rename where hard links are not supported.
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:
        if path.exists():
            raise FileExistsError(str(path)) from None
        os.replace(temporary, path)


def init_project(directory: Path, language: str = "en", *, force: bool = False) -> list[Path]:
    """Write `.blamelint.yaml` and `postmortem-template.md`; return the paths written.

    Both are checked before either is written, so a refusal leaves the folder unchanged.
    """
    targets = {
        directory / CONFIG_NAME: shipped_config(),
        directory / TEMPLATE_NAME: shipped_template(language),
    }
    if not force:
        for path in targets:
            if path.exists():
                raise InputError("already exists; use --force to overwrite it", str(path))
    for path, text in targets.items():
        write_new_file(path, text, force=force)
    return list(targets)


def new_postmortem(
    incident: Incident,
    *,
    output_dir: Path,
    template: Path | None = None,
    language: str | None = None,
    force: bool = False,
    cwd: Path | None = None,
) -> Path:
    """Fill the template for `incident` and write `postmortem-<ID>.md` in `output_dir`."""
    path = output_dir / output_name(incident.incident_id)
    text, used_language = resolve_template(template, language, cwd or Path.cwd())
    write_new_file(path, fill_template(text, incident, used_language), force=force)
    return path


class CommitError(InputError):
    """The commit was refused (usually by a hook); `output` is everything git printed."""

    def __init__(self, message: str, path: str, output: str = ""):
        super().__init__(message, path)
        self.output = output


def commit_repository(output_dir: Path) -> Path:
    """The repository a file in `output_dir` would be committed to, checked before writing.

    `output_dir` may not exist yet (`new` creates it): its closest existing parent decides.
    """
    existing = output_dir.resolve()
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    try:
        return repository_root(existing)
    except InputError as exc:
        if exc.message != "not inside a git repository":
            raise  # git itself is missing: say that, not something else
        raise InputError(
            "not inside a git repository; --commit needs one", str(output_dir)
        ) from None


def git_commit(path: Path, incident_id: str, *, verify: bool = True) -> str:
    """Stage and commit only `path` in the repository around it; return the commit id.

    If git refuses (a hook rejects the draft, no user.email...), the index is put back as it
    was, so the file is neither committed nor left staged, and CommitError carries git's whole
    output: a hook's report is many lines and the last one rarely explains it.
    """
    where = path.resolve().parent
    target = str(path.resolve())
    message = COMMIT_MESSAGE.format(id=check_incident_id(incident_id))
    root = repository_root(where)
    before = run_git(["ls-files", "--stage", "--", target], where)
    command = ["commit", "--quiet", "-m", message]
    if not verify:
        command.append("--no-verify")
    try:
        run_git(["add", "--", target], where)
        # `commit -- <path>` records this file alone, whatever else the user had staged; the
        # repository's own hooks (blamelint's included) run as for any commit.
        run_git([*command, "--", target], where)
    except GitError as exc:
        state = "not staged"
        try:
            _restore_index(path.resolve().relative_to(root).as_posix(), before, root)
        except GitError:
            state = "may still be staged (`git restore --staged` it)"
        # The caller prints git's output above this line: a hook's report is the reason.
        reason = f"git {exc.command} failed" if exc.output.strip() else exc.message
        raise CommitError(
            f"{reason}; the file is written but not committed, and {state}",
            str(path),
            exc.output,
        ) from None
    return run_git(["rev-parse", "HEAD"], where).strip()


def _restore_index(name: str, before: str, root: Path) -> None:
    """Put the index entry of `name` (relative to the top level `root`) back to what
    `git ls-files --stage` showed before."""
    fields = before.split("\t", 1)[0].split()
    if len(fields) == 3 and fields[2] == "0":
        mode, blob, _stage = fields
        run_git(["update-index", "--cacheinfo", f"{mode},{blob},{name}"], root)
    elif not before.strip():
        # Untracked before: take it out of the index again (the file itself stays).
        run_git(["rm", "--cached", "--quiet", "--ignore-unmatch", "--", name], root)
