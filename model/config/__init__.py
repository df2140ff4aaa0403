"""Pydantic configuration models of every kind, and of connections."""

from model.config.base import ServiceConfig, setting
from model.config.edges import EdgeConfig

__all__ = ["EdgeConfig", "ServiceConfig", "setting"]
