"""Documents: articles, sentence segmentation, rendering, text writers and web pages."""
