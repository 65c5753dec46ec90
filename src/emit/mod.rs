//! Pure outputs from a [`ValidPlan`](crate::domain::model::ValidPlan): az CLI scripts (bash, Windows
//! PowerShell), ARM JSON bodies, the `az rest` line. Nothing here may import leptos, web-sys or gloo.
