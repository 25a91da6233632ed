"""The build: every stage for every article, written into docs/ all or nothing, incrementally, and the built site verified against the source."""
