// A module whose default export is no policy.
export default 42;
