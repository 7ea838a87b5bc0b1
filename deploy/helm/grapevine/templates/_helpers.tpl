{{/* Labels every object of the release carries. */}}
{{- define "grapevine.labels" -}}
app.kubernetes.io/part-of: grapevine
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end }}

{{/* The name of one of the release's objects: <release>-<name>, within the 63 characters Kubernetes allows. */}}
{{- define "grapevine.fullName" -}}
{{ printf "%s-%s" .release .name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The name of one of the release's ConfigMaps: <release>-<name>. */}}
{{- define "grapevine.configMap" -}}
{{ include "grapevine.fullName" . }}
{{- end }}
