"""brygga's order inbox for orders from an order system (GKS style), rules O1-O11.

- ``schema/order-v1.schema.json``: the published order format (JSON Schema 2020-12), ``models``: the same
  as pydantic models, ``validation.check_order``: a document against both, with Swedish reasons;
- ``importer.import_orders``: JSON and CSV files; ``commands``: what the CLI runs;
- ``api_keys``: keys of the HTTP intake (``brygga.web``); storage is ``brygga.store.orders.OrderStore``.

Only the store-free parts are re-exported here: ``brygga.store.orders`` imports this package.
"""

from __future__ import annotations

from brygga.orders.fingerprint import content_hash
from brygga.orders.importer import ImportProblem, ImportResult, import_orders
from brygga.orders.models import SCHEMA_VERSION, Order, OrderAddress, OrderCustomer, OrderRow
from brygga.orders.validation import Violation, check_order, order_schema

__all__ = [
    "SCHEMA_VERSION",
    "ImportProblem",
    "ImportResult",
    "Order",
    "OrderAddress",
    "OrderCustomer",
    "OrderRow",
    "Violation",
    "check_order",
    "content_hash",
    "import_orders",
    "order_schema",
]
