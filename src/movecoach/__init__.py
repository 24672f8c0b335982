"""movecoach: a daily activity coach for people with back pain."""

__version__ = "0.1.0"
