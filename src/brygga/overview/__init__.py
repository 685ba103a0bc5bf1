"""The overview of every company (``brygga overview``, the page Översikt): state, connections, last runs, next run."""

from brygga.overview.listing import FILTERS, PAGE_SIZE, SORTS, Listing, Page
from brygga.overview.model import STATES, CompanyLine
from brygga.overview.page import overview_page

__all__ = ["FILTERS", "PAGE_SIZE", "SORTS", "STATES", "CompanyLine", "Listing", "Page", "overview_page"]
