"""The workflow editor: a state machine's definition drawn and edited as a graph in its own tab."""
