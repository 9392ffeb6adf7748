"""coopscore: score city-cluster cooperation against the YRD integration experience."""

__version__ = "0.1.0"
