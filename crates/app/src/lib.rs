//! gongkai's use cases, one function or one small module each: what a citizen, a caseworker, a reviewer, a
//! supervisor or an administrator asks of the platform. Every front end (the portal, the console, the API, the
//! command line) parses its input, calls one function here and renders the answer; front ends never call each
//! other. This layer calls the store, the search index, the report engine and the domain's rules.

pub mod messages;
