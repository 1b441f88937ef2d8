"""Errors carry the German message a user sees, plus how CLI and web report them.

The library raises these; exactly one CLI handler (ratsarchiv/cli.py `main`) and one
Flask error handler (web/app.py) turn them into exit codes and pages, so no view or
command formats errors on its own.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What `ratsarchiv` returns to the shell (the contract names 0, 1 and 2)."""
    OK = 0
    USAGE = 1  # a usage error, or a request the command refused
    QUARANTINED = 2  # a file went to quarantine, or `check --no-repair` found differences
    ENVIRONMENT = 3  # tesseract missing, data folder or journal unusable, other OS errors
    INTERRUPTED = 130  # Ctrl+C (128 + SIGINT, as shells count)


class RatsarchivError(Exception):
    exit_code = ExitCode.USAGE
    http_status = 500
    message = "Ein unerwarteter Fehler ist aufgetreten."

    def __init__(self, message: str | None = None):
        super().__init__(message or self.message)
        self.message = message or self.message


# --- Input files (each ends in quarantine with its message as the reason) ---
class BadInputFile(RatsarchivError):
    exit_code = ExitCode.QUARANTINED
    http_status = 422


class EmptyFile(BadInputFile):
    message = "Die Datei ist leer (0 Byte). Bitte die vollständige Datei erneut ablegen."


class UnsupportedFile(BadInputFile):
    message = ("Dieser Dateityp wird nicht unterstützt. Erlaubt sind PDF, TIFF, PNG und JPEG.")


class CorruptFile(BadInputFile):
    message = "Die Datei ist beschädigt oder unvollständig und kann nicht gelesen werden."


class EncryptedPdf(BadInputFile):
    message = ("Die PDF ist passwortgeschützt. Bitte ohne Passwort erneut ablegen.")


class ImageTooLarge(BadInputFile):
    message = ("Das Bild ist zu groß zum Verarbeiten (mögliche Dekompressionsbombe). "
               "Bitte mit geringerer Auflösung scannen.")


class TooManyPages(BadInputFile):
    message = "Die Datei hat zu viele Seiten. Bitte in kleinere Teile aufteilen."


class OcrFailed(BadInputFile):
    message = "Die Texterkennung (tesseract) ist für diese Datei fehlgeschlagen."


class NoTextFound(BadInputFile):
    message = ("In der Datei wurde kein Text gefunden, auch nicht per Texterkennung. "
               "Ist der Scan leer oder zu blass?")


# --- Command line, search and web ---
class UsageError(RatsarchivError):
    message = "Der Befehl ist so nicht verwendbar."


class QuerySyntaxError(RatsarchivError):
    http_status = 400
    message = "Die Suchanfrage ist ungültig."


class BadRequest(RatsarchivError):
    http_status = 400
    message = "Die Anfrage ist ungültig."


class NotFound(RatsarchivError):
    http_status = 404
    message = "Nicht gefunden."


# --- Environment: nothing the user typed or dropped is at fault ---
class EnvironmentFault(RatsarchivError):
    exit_code = ExitCode.ENVIRONMENT
    http_status = 503
    message = "Das System meldet einen Fehler."


class MissingTool(EnvironmentFault):
    http_status = 500
    message = ("tesseract mit deutschem Sprachpaket fehlt. Bitte installieren: "
               "apt-get install tesseract-ocr tesseract-ocr-deu")


class DataDirError(EnvironmentFault):
    message = "Der Datenordner ist nicht beschreibbar."


def from_os_error(exc: Exception) -> EnvironmentFault:
    """The error a user sees for a failing journal (SQLite) or file system call."""
    import sqlite3

    if isinstance(exc, sqlite3.Error):
        return DataDirError(f"Das Journal kann nicht gelesen oder geschrieben werden ({exc}). "
                            "Ist der Datenordner beschreibbar und nicht voll?")
    if isinstance(exc, PermissionError):
        return DataDirError(f"Keine Berechtigung für „{exc.filename}“. Ist der Datenordner beschreibbar?")
    if isinstance(exc, OSError):
        return EnvironmentFault(f"{exc.strerror or exc} ({exc.filename or ''})")
    raise TypeError(f"not an OS or journal error: {exc!r}")
