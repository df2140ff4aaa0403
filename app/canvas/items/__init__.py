"""Graphics items of the canvas: service nodes, group containers, connections and badges."""
