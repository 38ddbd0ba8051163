"""Images: the off-thread thumbnail loader and the thumbnail picker."""
