//! The router being built, with the path of every route it was given: the access matrix test reads them, so
//! that no route escapes its rules.

use axum::Router;
use axum::routing::MethodRouter;

use crate::state::AppState;

pub(super) struct Routes {
    router: Router<AppState>,
    paths: Vec<&'static str>,
}

impl Routes {
    pub(super) fn new() -> Self {
        Self {
            router: Router::new(),
            paths: Vec::new(),
        }
    }

    pub(super) fn route(
        mut self,
        path: &'static str,
        method_router: MethodRouter<AppState>,
    ) -> Self {
        self.router = self.router.route(path, method_router);
        self.paths.push(path);
        self
    }

    pub(super) fn merge(mut self, other: Routes) -> Self {
        self.router = self.router.merge(other.router);
        self.paths.extend(other.paths);
        self
    }

    /// Changes the router without adding routes (layers, the fallback).
    pub(super) fn map(mut self, change: impl FnOnce(Router<AppState>) -> Router<AppState>) -> Self {
        self.router = change(self.router);
        self
    }

    /// The finished router and the paths of its routes.
    pub(super) fn with_state(self, state: AppState) -> (Router, Vec<&'static str>) {
        (self.router.with_state(state), self.paths)
    }
}
