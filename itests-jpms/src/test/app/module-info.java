/** A modular application using lle-memory only through its API module, as a user would. */
module app {
    requires org.lle.memory.api;
}
