"""Errors the services raise for the user to read. Each names what is wrong and where."""

from __future__ import annotations


class ServiceError(Exception):
    """Bad input or a refused operation; nothing was written."""

    def __init__(self, message: str, *, field: str = "", file: str = "", row: int | None = None):
        super().__init__(message)
        self.field = field
        self.file = file
        self.row = row


class InvalidValue(ServiceError):
    pass


class NotFound(ServiceError):
    pass


class PermissionDenied(ServiceError):
    pass


class Cancelled(ServiceError):
    """The user cancelled a long operation; the transaction was rolled back."""

    def __init__(self) -> None:
        super().__init__("cancelled by the user; nothing was changed")
