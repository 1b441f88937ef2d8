"""Errors carry the German message a user sees, plus how CLI and web report them.

The library raises these; exactly one CLI handler and one Flask error handler turn
them into exit codes and pages, so no view or command formats errors on its own.
"""

from __future__ import annotations


class RatsarchivError(Exception):
    exit_code = 1
    http_status = 500
    message = "Ein unerwarteter Fehler ist aufgetreten."

    def __init__(self, message: str | None = None):
        super().__init__(message or self.message)
        self.message = message or self.message


# --- Input files (each ends in quarantine with its message as the reason) ---
class BadInputFile(RatsarchivError):
    exit_code = 2
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


# --- Search and web ---
class QuerySyntaxError(RatsarchivError):
    http_status = 400
    message = "Die Suchanfrage ist ungültig."


class BadRequest(RatsarchivError):
    http_status = 400
    message = "Die Anfrage ist ungültig."


class NotFound(RatsarchivError):
    http_status = 404
    message = "Nicht gefunden."


# --- Environment ---
class MissingTool(RatsarchivError):
    exit_code = 3
    message = ("tesseract mit deutschem Sprachpaket fehlt. Bitte installieren: "
               "apt-get install tesseract-ocr tesseract-ocr-deu")


class DataDirError(RatsarchivError):
    exit_code = 3
    http_status = 503
    message = "Der Datenordner ist nicht beschreibbar."
