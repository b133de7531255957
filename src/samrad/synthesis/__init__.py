"""The synthesis engine: free text in, themes, points and quotes out. Pure Python, no Django."""
