from django.db import models


class RateBucket(models.Model):
    """One fixed-window counter of the per-address rate limits (samrad.core.ratelimit).

    `key` is a keyed hash of the limit's scope, the client's address and the window, so raw addresses are
    never stored and one address cannot be followed from one window to the next."""

    key = models.CharField(max_length=64, unique=True)
    expires = models.BigIntegerField(db_index=True)  # the window's end, seconds since the epoch
    hits = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key[:12]}… {self.hits}"
