"""What we know: the glossary, editorial notes, dates and the timeline, and the matchers that find them in a segment's text."""
