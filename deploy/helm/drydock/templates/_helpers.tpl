{{- define "drydock.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}{{ .Release.Name | trunc 63 | trimSuffix "-" }}{{- else -}}{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- end -}}

{{- define "drydock.labels" -}}
app.kubernetes.io/name: drydock
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* The selector of one component: (dict "root" $ "component" "apiserver") */}}
{{- define "drydock.selector" -}}
app.kubernetes.io/name: drydock
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "drydock.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "drydock.pkiSecret" -}}
{{ .Values.pki.existingSecret | default (printf "%s-pki" (include "drydock.fullname" .)) }}
{{- end -}}

{{- define "drydock.kubeconfigSecret" -}}
{{ .Values.pki.existingKubeconfigSecret | default (printf "%s-kubeconfigs" (include "drydock.fullname" .)) }}
{{- end -}}

{{- define "drydock.databaseSecret" -}}
{{ .Values.database.existingSecret | default (printf "%s-database" (include "drydock.fullname" .)) }}
{{- end -}}

{{/* Where the workers and the dashboard reach the API servers: their Service. */}}
{{- define "drydock.apiServerUrl" -}}
https://{{ include "drydock.fullname" . }}-apiserver.{{ .Release.Namespace }}.svc:{{ .Values.apiServer.service.port }}
{{- end -}}

{{/*
The pod-level parts every Drydock process shares: the non-root security context, the data directory
(an emptyDir: the simulated nodes' files), the PKI and kubeconfigs from their Secrets, /tmp.
*/}}
{{- define "drydock.podSpec" -}}
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets: {{ toYaml . | nindent 2 }}
{{- end }}
securityContext: {{ toYaml .root.Values.podSecurityContext | nindent 2 }}
automountServiceAccountToken: false
{{- with .root.Values.nodeSelector }}
nodeSelector: {{ toYaml . | nindent 2 }}
{{- end }}
{{- with .root.Values.tolerations }}
tolerations: {{ toYaml . | nindent 2 }}
{{- end }}
{{- with .root.Values.affinity }}
affinity: {{ toYaml . | nindent 2 }}
{{- else }}
affinity:
  podAntiAffinity:
    preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        podAffinityTerm:
          topologyKey: kubernetes.io/hostname
          labelSelector:
            matchLabels: {{ include "drydock.selector" (dict "root" .root "component" .component) | nindent 14 }}
{{- end }}
volumes:
  - name: data
    emptyDir: {}
  - name: tmp
    emptyDir: {}
  - name: pki
    secret:
      secretName: {{ include "drydock.pkiSecret" .root }}
      defaultMode: 0440
  - name: kubeconfigs
    secret:
      secretName: {{ include "drydock.kubeconfigSecret" .root }}
      defaultMode: 0440
{{- end -}}

{{/* The container-level parts: image, security context, mounts. */}}
{{- define "drydock.container" -}}
image: {{ include "drydock.image" .root }}
imagePullPolicy: {{ .root.Values.image.pullPolicy }}
command: [node, -r, ./tools/register-typescript.js, {{ printf "apps/%s/src/main.ts" .app }}]
securityContext: {{ toYaml .root.Values.securityContext | nindent 2 }}
volumeMounts:
  - { name: data, mountPath: /data }
  - { name: tmp, mountPath: /tmp }
  - { name: pki, mountPath: /data/pki, readOnly: true }
  - { name: kubeconfigs, mountPath: /etc/drydock, readOnly: true }
{{- end -}}

{{/* Extra environment from a component's `env` map. */}}
{{- define "drydock.extraEnv" -}}
{{- range $name, $value := . }}
- name: {{ $name }}
  value: {{ $value | quote }}
{{- end }}
{{- end -}}

{{/* A kubeconfig as renderKubeconfig writes it: (dict "server" URL "ca" PEM "token" T "user" NAME) */}}
{{- define "drydock.kubeconfig" -}}
apiVersion: v1
kind: Config
clusters:
  - name: drydock
    cluster:
      server: {{ .server }}
      certificate-authority-data: {{ .ca | b64enc }}
users:
  - name: {{ .user }}
    user:
      token: {{ .token }}
contexts:
  - name: drydock
    context: { cluster: drydock, user: {{ .user | quote }}, namespace: default }
current-context: drydock
preferences: {}
{{- end -}}
