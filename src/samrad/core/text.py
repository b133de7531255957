"""Small text helpers shared by templates and document exports."""


def join_points(points) -> str:
    """'Exempelvis:' points as one sentence: "a; b; c." (each point's own trailing full stop dropped)."""
    parts = [p.strip().rstrip(".").strip() for p in points if p and p.strip()]
    return "; ".join(parts) + "." if parts else ""


def sentence(text: str) -> str:
    """Make sure a line ends like a sentence."""
    text = (text or "").strip()
    return text if not text or text[-1] in ".!?…:" else text + "."
