"""What the officer's actions mean, without Qt: the controller, the open report's session, saving."""
