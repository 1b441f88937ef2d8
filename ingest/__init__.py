"""From a dropped file to records: detect, extract (text layer or OCR), segment."""
