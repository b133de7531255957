"""Small text helpers shared by templates and document exports."""


def join_points(points) -> str:
    """'Exempelvis:' points as one sentence: "a; b; c." (each point's own trailing full stop dropped)."""
    parts = [p.strip().rstrip(".").strip() for p in points if p and p.strip()]
    return "; ".join(parts) + "." if parts else ""


def sentence(text: str) -> str:
    """Make a line read like a sentence: a capital first letter and a closing full stop."""
    text = (text or "").strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…:" else text + "."
