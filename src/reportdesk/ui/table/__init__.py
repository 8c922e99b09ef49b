"""The table widget of sections 二, 三, 四: the printed grid, its model, view, editor and paste."""
