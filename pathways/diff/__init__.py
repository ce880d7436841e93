"""What changed between two versions, for a reader: marked with <ins> and <del> for sight and
with visually hidden words for screen readers, and always safe to insert into a page.

- `compare` (text.py): plain text such as a summary, paragraph by paragraph, word by word.
- `compare_documents` (document.py): two versions' rendered bodies, section by section and
  block by block (headings, paragraphs, list items, table rows and cells), word by word.
"""

from pathways.diff.document import DocumentDiff, compare_documents
from pathways.diff.text import compare, has_changes

__all__ = ["DocumentDiff", "compare", "compare_documents", "has_changes"]
