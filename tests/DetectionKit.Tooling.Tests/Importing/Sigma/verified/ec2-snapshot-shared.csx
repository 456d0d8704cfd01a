// Imported by 'detectionkit import sigma' from the Sigma rule "EBS Snapshot Shared With Another Account" (6f0e8a61-0d5b-4c1e-9a55-1c2f5e3a7b05).
// Sigma condition: 1 of them
// The YAML's match block checks eventName before the script runs.
// Sigma compares text ignoring case unless a field says |cased; e.Get(path) and the event's
// properties read a field as text (null when absent or null).

bool Rule(CloudTrailEvent e) => Selection(e) || SelectionPublic(e);

// selection
static bool Selection(CloudTrailEvent e) =>
    e.RequestParameter("attributeType") == "CREATE_VOLUME_PERMISSION"
    && e.RequestParameter("createVolumePermission.add")?.Contains("\"items\"", StringComparison.OrdinalIgnoreCase) == true
    && e.RequestParameter("createVolumePermission.add")?.Contains("userId", StringComparison.OrdinalIgnoreCase) == true;

// selection_public
static bool SelectionPublic(CloudTrailEvent e) =>
    e.RequestParameter("createVolumePermission.add")?.Contains("\"group\":\"all\"", StringComparison.OrdinalIgnoreCase) == true;
