"""briefgen: summaries and dated daily briefings from press releases."""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
