{{/* Labels every object of the release carries. */}}
{{- define "grapevine.labels" -}}
app.kubernetes.io/part-of: grapevine
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end }}

{{/* The name of one of the release's ConfigMaps: grapevine-<name>. */}}
{{- define "grapevine.configMap" -}}
{{ printf "%s-%s" .release .name | trunc 63 | trimSuffix "-" }}
{{- end }}
