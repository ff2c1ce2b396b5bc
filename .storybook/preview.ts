// Every story gets the app's own styles.
import "../web/src/styles.css";

export default {};
