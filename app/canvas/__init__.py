"""The design canvas: a QGraphicsScene that observes the open Document and a view onto it."""
