"""Two-way synchronisation shared by customers and articles: the pure planner and the write-side base class."""
