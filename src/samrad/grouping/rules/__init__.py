"""Round rules: how a round's people become blocks (problem.Problem) and which soft rules apply."""
