package dev.countd.core.alert;

/** Which crossings of a threshold a rule reports. */
public enum AlertDirection {
    /** old &lt; T &lt;= new */
    UP,
    /** old &gt;= T &gt; new */
    DOWN,
    BOTH;

    public boolean watchesUp() {
        return this != DOWN;
    }

    public boolean watchesDown() {
        return this != UP;
    }
}
