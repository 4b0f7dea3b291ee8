"""Team building's pages: offers, availability and auto-fill (registered together)."""

from trainer.scheduling.autofill_views import bp as autofill_bp
from trainer.scheduling.availability_views import bp as availability_bp
from trainer.scheduling.offer_views import bp as offers_bp

blueprints = (offers_bp, availability_bp, autofill_bp)
