"""Connector routing and label placement in plain geometry, shared by every canvas and by the
SVG writer. See router.py for how routes are found and labels.py for where labels go."""

from model.routing.geometry import Box, BucketIndex, Point
from model.routing.labels import LABEL_HEIGHT, LabelPlacer
from model.routing.router import SEPARATION, Link, Port, Router, Shape

__all__ = [
    "LABEL_HEIGHT",
    "SEPARATION",
    "Box",
    "BucketIndex",
    "LabelPlacer",
    "Link",
    "Point",
    "Port",
    "Router",
    "Shape",
]
