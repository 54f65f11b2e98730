//! Running the server: listen, serve until a shutdown signal, let requests in flight finish, close the store.

use std::future::Future;
use std::time::Duration;

use gongkai_store::SessionStore;
use tokio::net::TcpListener;

use crate::router::router;
use crate::state::AppState;

/// Serves `state` on `listener` until `shutdown` completes.
pub async fn serve(
    state: AppState,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let store = state.store.clone();
    let purge = tokio::spawn({
        let store = store.clone();
        let identity_limit = std::sync::Arc::clone(&state.app.identity_limit);
        async move {
            let mut tick = tokio::time::interval(Duration::from_secs(3600));
            loop {
                tick.tick().await;
                identity_limit.forget_quiet();
                match store.purge_expired_sessions().await {
                    Ok(n) if n > 0 => tracing::info!(sessions = n, "expired sessions removed"),
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "could not remove expired sessions"),
                }
                // At start and every hour: the planner's statistics follow the data as it grows.
                if let Err(e) = store.refresh_statistics().await {
                    tracing::warn!(error = %e, "could not refresh the database's statistics");
                }
            }
        }
    });
    // Files an older version kept in this node's data folder move into the database, where every node finds
    // them; chunks of uploads a stopped node left half written (over an hour old) go.
    match gongkai_app::attachments::disk::move_into_store(&store, &state.app.data_dir, &mut |_| {})
        .await
    {
        Ok(moved) => {
            if moved.files > 0 {
                tracing::info!(
                    files = moved.files,
                    bytes = moved.bytes,
                    "files moved into the database"
                );
            }
            for (path, why) in moved.left {
                tracing::warn!(path = %path.display(), why, "file left on disk");
            }
        }
        Err(e) => tracing::error!(error = %e, "files could not be moved into the database"),
    }
    let an_hour_ago = chrono::Utc::now().timestamp_millis() - 3_600_000;
    if let Err(e) = store.sweep_pending_blobs(an_hour_ago).await {
        tracing::warn!(error = %e, "unfinished uploads could not be removed");
    }
    // The search index catches up with the store before the first request, then every two seconds (changes
    // made on other nodes, found within the five seconds the portal promises); local changes also sync at once.
    if let Err(e) = state.search.sync(&state.store).await {
        tracing::error!(error = %e, "the search index could not catch up with the store");
    }
    if let Err(e) = state.app.reports_search.sync(&state.store).await {
        tracing::error!(error = %e, "the reports' search index could not catch up with the store");
    }
    let catch_up = tokio::spawn({
        let (search, store) = (state.search.clone(), state.store.clone());
        let reports = state.app.reports_search.clone();
        async move {
            let mut tick = tokio::time::interval(Duration::from_secs(2));
            loop {
                tick.tick().await;
                if let Err(e) = search.sync(&store).await {
                    tracing::warn!(error = %e, "search index sync failed");
                }
                if let Err(e) = reports.sync(&store).await {
                    tracing::warn!(error = %e, "reports' search index sync failed");
                }
            }
        }
    });
    // Attachments' text is read off the request path: after an approval at once, and by this sweep every
    // minute (what another node approved, what a stopped node left, what an older reader read).
    let reader = tokio::spawn({
        let app = state.app.clone();
        async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                if let Err(e) = gongkai_app::catalog::extract::read_waiting(&app, &mut |_| {}).await
                {
                    tracing::warn!(error = %e, "reading attachments' text failed");
                }
            }
        }
    });
    // Applicants written before encryption (or under an older key) are sealed with the current key, once,
    // off the request path.
    let reseal = tokio::spawn({
        let store = state.store.clone();
        async move {
            match store.reseal_personal_data().await {
                Ok(0) => {}
                Ok(n) => {
                    tracing::info!(applicants = n, "personal data sealed with the current key")
                }
                Err(e) => tracing::warn!(error = %e, "personal data could not be re-sealed"),
            }
        }
    });
    // E-mail: the outbox is sent off the request path, and the staff digest queued once a day.
    let mailer = tokio::spawn(gongkai_app::notify::send::run(state.app.clone()));
    let header_read = Duration::from_secs(state.config.timeouts.header_read_seconds.max(1));
    crate::connections::accept(listener, router(state), header_read, shutdown).await;
    purge.abort();
    catch_up.abort();
    mailer.abort();
    reader.abort();
    reseal.abort();
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Completes on Ctrl-C or SIGTERM (what `systemctl stop` and container runtimes send).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown signal received; finishing requests in flight");
}
