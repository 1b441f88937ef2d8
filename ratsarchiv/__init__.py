"""Ratsarchiv: search the Anfragen in scanned council minute books."""

__version__ = "0.1.0"
