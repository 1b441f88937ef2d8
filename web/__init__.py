"""The Flask app: German search UI, permalinks, archive view and JSON API."""

from web.app import create_app

__all__ = ["create_app"]
